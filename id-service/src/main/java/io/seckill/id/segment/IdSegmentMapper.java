package io.seckill.id.segment;

import com.baomidou.mybatisplus.core.mapper.BaseMapper;

import org.apache.ibatis.annotations.Mapper;
import org.apache.ibatis.annotations.Param;
import org.apache.ibatis.annotations.Update;

@Mapper
public interface IdSegmentMapper extends BaseMapper<IdSegment> {

    /** Moves the tag's high-water mark up by one step; the row lock serialises concurrent fetches. */
    @Update("UPDATE id_segment SET max_id = max_id + step WHERE biz_tag = #{tag}")
    int advance(@Param("tag") String tag);
}
